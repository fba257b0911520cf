import { Suspense } from 'react';
import { Gpt2Loading } from '@/app/components/gpt2/gpt2-loading';
import { LayersRoute } from '@/app/components/layers/layers-route';
import { PageIntro } from '@/app/components/page-intro';

export default function LayersPage() {
  return (
    <div className="space-y-4" data-testid="layers-page">
      <PageIntro ns="layers" />
      <Suspense fallback={<Gpt2Loading />}>
        <LayersRoute />
      </Suspense>
    </div>
  );
}
