import { Suspense } from 'react';
import { ContextRoute } from '@/app/components/context/context-route';
import { Gpt2Loading } from '@/app/components/gpt2/gpt2-loading';
import { PageIntro } from '@/app/components/page-intro';

export default function ContextPage() {
  return (
    <div className="space-y-4" data-testid="context-page">
      <PageIntro ns="context" />
      <Suspense fallback={<Gpt2Loading />}>
        <ContextRoute />
      </Suspense>
    </div>
  );
}
