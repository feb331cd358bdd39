"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { type SignInInput, signInSchema } from "@/lib/validation/user";
import { postInteraction } from "./post-json";

const messages: Record<string, string> = {
  invalid_credentials: "The email or password is incorrect.",
  too_many_attempts: "Too many failed attempts. Wait a few minutes, then try again.",
  forbidden: "This page is out of date. Reload it and try again.",
  interaction_expired: "This sign-in request has expired. Go back to the app and start again.",
  network: "Latchkey could not be reached. Check your connection and try again.",
};

type Props = { uid: string; csrf: string; loginHint?: string; initialError?: string };

export function SignInForm({ uid, csrf, loginHint, initialError }: Props) {
  const [error, setError] = useState(initialError);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({ resolver: zodResolver(signInSchema), defaultValues: { email: loginHint ?? "" } });

  const onSubmit = handleSubmit(async (values) => {
    setError(undefined);
    const result = await postInteraction(`/interaction/${uid}/login`, { ...values, csrf });
    if (!result.ok) setError(result.error);
  });

  return (
    <form
      method="post"
      action={`/interaction/${uid}/login`}
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4"
    >
      <input type="hidden" name="csrf" value={csrf} />
      {error && <Alert tone="error">{messages[error] ?? "Something went wrong. Try again."}</Alert>}
      <Field
        label="Email"
        type="email"
        autoComplete="username"
        inputMode="email"
        autoFocus={!loginHint}
        error={errors.email?.message}
        {...register("email")}
      />
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        autoFocus={Boolean(loginHint)}
        error={errors.password?.message}
        {...register("password")}
      />
      <Button type="submit" busy={isSubmitting} className="mt-2 w-full">
        Sign in
      </Button>
    </form>
  );
}
