// The channel file electron-updater's generic provider reads (latest.yml and friends): version,
// files (url relative to the feed, sha512 in base64, size), the legacy path/sha512 of the first
// file, releaseDate and notes, and the province's signature over the build (x-province-signature),
// which electron-updater passes through untouched to the terminal's check. Strings are written
// as JSON strings, which YAML reads as double-quoted scalars: no value can break the document.

export interface FeedBuild {
  readonly id: string;
  readonly version: string;
  readonly target: string;
  readonly releaseNotes: string | null;
  readonly releaseDate: string;
  readonly signature: string;
  readonly files: readonly { readonly name: string; readonly sha512: string; readonly size: number }[];
}

const q = (value: string): string => JSON.stringify(value);

/** The download's URL relative to the feed's folder (/api/updates/<channel>/). */
export const fileUrl = (buildId: string, name: string): string => `files/${buildId}/${name}`;

export function feedYaml(build: FeedBuild): string {
  const lines = [`version: ${q(build.version)}`, 'files:'];
  for (const f of build.files)
    lines.push(`  - url: ${q(fileUrl(build.id, f.name))}`, `    sha512: ${q(f.sha512)}`, `    size: ${f.size}`);
  const first = build.files[0];
  if (first) lines.push(`path: ${q(fileUrl(build.id, first.name))}`, `sha512: ${q(first.sha512)}`);
  lines.push(`releaseDate: ${q(build.releaseDate)}`);
  if (build.releaseNotes !== null) lines.push(`releaseNotes: ${q(build.releaseNotes)}`);
  lines.push(`x-province-signature: ${q(build.signature)}`, `x-build-target: ${q(build.target)}`);
  return `${lines.join('\n')}\n`;
}

/** No rollout reaches the terminal: its own version, which electron-updater answers with update-not-available. */
export function currentVersionYaml(version: string, releaseDate: string): string {
  return `version: ${q(version)}\nfiles: []\nreleaseDate: ${q(releaseDate)}\n`;
}
