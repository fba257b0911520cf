import { Suspense } from 'react';
import { AnalogyRoute } from '../components/analogy-route';
import { PageIntro, PageLoading } from '../components/page-intro';

export default function AnalogyPage() {
  return (
    <div className="space-y-4">
      <PageIntro ns="analogy" />
      <Suspense fallback={<PageLoading />}>
        <AnalogyRoute />
      </Suspense>
    </div>
  );
}
