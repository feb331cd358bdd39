import { PageSkeleton, SkeletonBlock, SkeletonRows } from "@/components/ui/skeleton";

/** The list's frame: title, tabs, rows. */
export default function Loading() {
  return (
    <PageSkeleton>
      <SkeletonBlock className="h-16 w-2/3" />
      <SkeletonBlock className="h-10" />
      <SkeletonRows count={5} />
    </PageSkeleton>
  );
}
