// Parses the CSV segment list ffmpeg's segment muxer appends to as each segment closes
// (`-segment_list x.csv -segment_list_type csv`): `file,start,end` in seconds on the
// run's output timeline. Only complete lines count: ffmpeg may be mid-write.

export interface ListedSegment {
  readonly file: string;
  readonly startSeconds: number;
  readonly endSeconds: number;
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

export function parseSegmentList(text: string): ListedSegment[] {
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  const out: ListedSegment[] = [];
  for (const line of complete.split('\n')) {
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line.replace(/\r$/, ''));
    const [file, start, end] = [fields[0], Number(fields[1]), Number(fields[2])];
    if (!file || !Number.isFinite(start) || !Number.isFinite(end)) continue;
    out.push({ file, startSeconds: start, endSeconds: end });
  }
  return out;
}

/** `seg_00042.mkv`: sortable, and the index is the segment's place in the series. */
export const segmentFileName = (index: number): string => `seg_${String(index).padStart(5, '0')}.mkv`;
export const SEGMENT_PATTERN = 'seg_%05d.mkv';
export const segmentIndexOf = (file: string): number | null => {
  const match = /^seg_(\d{5,})\.mkv$/.exec(file);
  return match?.[1] ? Number(match[1]) : null;
};
