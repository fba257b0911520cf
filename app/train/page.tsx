import { TrainExplorer } from '../components/train/train-explorer';
import { PageIntro } from '../components/page-intro';

export default function TrainPage() {
  return (
    <div className="space-y-6" data-testid="train-page">
      <PageIntro ns="train" />
      <TrainExplorer />
    </div>
  );
}
