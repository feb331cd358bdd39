import { PageSkeleton, SkeletonBlock } from "@/components/ui/skeleton";

/** The detail page's frame: the two columns under the header (the layout shows the header itself). */
export default function Loading() {
  return (
    <PageSkeleton>
      <div className="grid gap-6 lg:grid-cols-5">
        <SkeletonBlock className="h-96 lg:order-2 lg:col-span-2" />
        <SkeletonBlock className="h-96 lg:order-1 lg:col-span-3" />
      </div>
    </PageSkeleton>
  );
}
