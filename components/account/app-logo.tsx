/** Up to two letters standing for an app when it has no logo, or its logo does not load. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0] ?? "");
  return letters.join("").toUpperCase() || "?";
}

const sizes = {
  md: "size-14 rounded-xl [--initials-size:1.25rem]",
  sm: "size-8 rounded-md [--initials-size:0.8125rem]",
} as const;

/**
 * A third-party app's logo as its admin configured it (with the dark variant for dark mode), or
 * its initials. A logo that fails to load shows the initials too, without a script: see
 * `.logo-fallback` in app/globals.css. Plain <img>: the address is the app's own, on a host
 * Latchkey does not know in advance.
 */
export function AppLogo({
  name,
  src,
  darkSrc = "",
  alt,
  size = "md",
}: {
  name: string;
  src: string;
  darkSrc?: string;
  /** The accessible name; "" when the app's name is written beside the logo. */
  alt: string;
  size?: keyof typeof sizes;
}) {
  const initials = initialsOf(name);
  if (!src) {
    const box = `flex shrink-0 items-center justify-center bg-brand-50 font-semibold text-[length:var(--initials-size)] text-brand-700 ${sizes[size]}`;
    return alt ? (
      <span role="img" aria-label={alt} className={box}>
        {initials}
      </span>
    ) : (
      <span aria-hidden className={box}>
        {initials}
      </span>
    );
  }
  return (
    <picture className="shrink-0">
      {darkSrc && <source srcSet={darkSrc} media="(prefers-color-scheme: dark)" />}
      <img
        src={src}
        alt={alt}
        data-initials={initials}
        width={size === "md" ? 56 : 32}
        height={size === "md" ? 56 : 32}
        className={`logo-fallback block bg-white object-contain ${sizes[size]}`}
      />
    </picture>
  );
}
