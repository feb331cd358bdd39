/**
 * A third-party app's logo as its admin configured it, with the dark variant for dark mode.
 * Plain <img>: the address is the app's own, on a host Latchkey does not know in advance.
 */
export function AppLogo({ src, darkSrc, alt }: { src: string; darkSrc: string; alt: string }) {
  return (
    <picture>
      {darkSrc && <source srcSet={darkSrc} media="(prefers-color-scheme: dark)" />}
      <img src={src} alt={alt} width={56} height={56} className="size-14 rounded-xl object-contain" />
    </picture>
  );
}
