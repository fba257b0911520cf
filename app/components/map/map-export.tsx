'use client';
/**
 * Download the map: its words and projected coordinates as TSV, CSV or JSON (with the group or
 * cluster when the map is coloured by one). The picture itself comes from the plot's toolbar.
 */
import { useTranslations } from 'next-intl';
import { EXPORT_FORMATS, EXPORT_MIME, formatMapExport, type ExportFormat, type ExportTable } from '@/lib/maps/export-coords';

interface Props {
  table: ExportTable;
  /** The file name without its extension. */
  name: string;
}

/** Saves `text` as a file through a temporary link to a blob (no server round trip). */
function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function MapExport({ table, name }: Props) {
  const t = useTranslations('map.export');
  const save = (format: ExportFormat) => download(formatMapExport(table, format), `${name}.${format}`, EXPORT_MIME[format]);
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="map-export">
      <span>{t('download')}</span>
      {EXPORT_FORMATS.map((f) => (
        <button
          key={f}
          type="button"
          data-testid={`export-${f}`}
          onClick={() => save(f)}
          className="rounded border border-zinc-300 px-2 py-0.5 font-mono uppercase hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {f}
        </button>
      ))}
      <span className="text-xs text-zinc-500">{t('picture')}</span>
    </div>
  );
}

/** A file name for a map: its words and method, e.g. "map-neighbors-king-500-umap-2d". */
export function exportName(source: string, method: string, dims: number): string {
  const words = source.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'words';
  return `map-${words}-${method}-${dims}d`;
}
