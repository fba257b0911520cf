import { Suspense } from 'react';
import { MapRoute } from '../components/map/map-route';
import { PageIntro, PageLoading } from '../components/page-intro';

export default function MapPage() {
  return (
    <div className="space-y-4">
      <PageIntro ns="map" />
      <Suspense fallback={<PageLoading />}>
        <MapRoute />
      </Suspense>
    </div>
  );
}
