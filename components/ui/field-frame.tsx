import { type ForwardedRef, forwardRef, type ReactNode, useId } from "react";

/**
 * Ids for a form control with a label, hint and error, so each control wires aria-describedby the
 * same way.
 */
export function useFieldIds(id: string | undefined, hint?: string, error?: string) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return { inputId, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined };
}

/** The label above a control, and its hint and inline error below it. */
export function FieldFrame({
  label,
  inputId,
  hint,
  hintId,
  error,
  errorId,
  className = "",
  children,
}: {
  label: string;
  inputId: string;
  hint?: string;
  hintId?: string;
  error?: string;
  errorId?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** What a form control needs to be wired to its label, hint and error. */
export type ControlWiring = {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
  className: string;
};

/**
 * A labelled control with its hint and inline error: Field, SelectField and TextArea differ only
 * in the element `render` returns, so the wiring for screen readers lives here once.
 */
export function LabelledControl({
  label,
  hint,
  error,
  id,
  className = "",
  render,
}: {
  label: string;
  hint?: string;
  error?: string;
  id?: string;
  className?: string;
  render: (wiring: ControlWiring) => ReactNode;
}) {
  const ids = useFieldIds(id, hint, error);
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className} {...ids}>
      {render({
        id: ids.inputId,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": ids.describedBy,
        className: controlClass(error),
      })}
    </FieldFrame>
  );
}

export const controlClass = (error?: string) =>
  `min-h-10 w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-400 sm:text-sm ${
    error ? "border-red-500" : "border-slate-300"
  }`;

/** A labelled control's props: the element's own attributes, plus its label, hint and error. */
export type LabelledProps<Attributes> = Attributes & { label: string; error?: string; hint?: string };

/**
 * Makes a labelled control (Field, TextArea, SelectField) from the element it renders: the label,
 * hint, error, id and class are taken here; the rest of the props and the ref go to `render`.
 */
export function labelledControl<Element, Attributes extends { id?: string; className?: string }>(
  name: string,
  render: (props: Omit<Attributes, "id" | "className">, ref: ForwardedRef<Element>, wiring: ControlWiring) => ReactNode,
) {
  const control = forwardRef<Element, LabelledProps<Attributes>>((all, ref) => {
    const { label, error, hint, id, className, ...props } = all;
    return (
      <LabelledControl
        {...{ label, error, hint, id, className }}
        // The rest is Attributes without id and className; TypeScript cannot see that through the generic.
        render={(wiring) => render(props as unknown as Omit<Attributes, "id" | "className">, ref, wiring)}
      />
    );
  });
  control.displayName = name;
  return control;
}
