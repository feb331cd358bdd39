import { PageSkeleton, SkeletonBlock, SkeletonRows } from "@/components/ui/skeleton";

/** The keys page's frame: title, the key rows, the rotate bar. */
export default function Loading() {
  return (
    <PageSkeleton>
      <SkeletonBlock className="h-16 w-2/3" />
      <SkeletonRows count={3} />
      <SkeletonBlock className="h-16 max-w-2xl" />
    </PageSkeleton>
  );
}
