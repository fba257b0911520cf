import { PageIntro } from '../components/page-intro';
import { SpeedCheck } from './speed-check';

export default function SpeedPage() {
  return (
    <div className="max-w-3xl space-y-4">
      <PageIntro ns="speed" />
      <SpeedCheck />
    </div>
  );
}
