// Every relative link and anchor in README.md, CONTRIBUTING.md and docs/ resolves: the file
// exists, and an anchor names a heading of that file (GitHub's slugs) or an element id. Links to
// other sites are not fetched. Prints each broken link with its file and line; exits 1 if any.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function markdownFiles() {
  const files = ['README.md', 'CONTRIBUTING.md'].map((file) => join(root, file)).filter((file) => existsSync(file));
  const walk = (folder) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.md')) files.push(path);
    }
  };
  walk(join(root, 'docs'));
  return files;
}

/** The text outside fenced code blocks, line by line (links in code are code). */
function proseLines(text) {
  let fenced = false;
  return text.split('\n').map((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line.replace(/`[^`]*`/g, '');
  });
}

/** GitHub's anchor for a heading: lower case, punctuation out, spaces to hyphens, repeats numbered. */
export function anchorsOf(text) {
  const anchors = new Set();
  const seen = new Map();
  for (const line of proseLinesKeepingCode(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const base = heading[1]
        .replace(/<[^>]+>/g, '')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-');
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count ? `${base}-${count}` : base);
    }
    for (const match of line.matchAll(/\bid="([^"]+)"/g)) anchors.add(match[1]);
  }
  return anchors;
}

/** Headings keep their code spans (GitHub keeps their text in the slug). */
function proseLinesKeepingCode(text) {
  let fenced = false;
  return text.split('\n').map((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line;
  });
}

const broken = [];
const anchorCache = new Map();
const anchorsIn = (file) => {
  if (!anchorCache.has(file)) anchorCache.set(file, anchorsOf(readFileSync(file, 'utf8')));
  return anchorCache.get(file);
};

for (const file of markdownFiles()) {
  proseLines(readFileSync(file, 'utf8')).forEach((line, index) => {
    for (const match of line.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)|<a\b[^>]*\bhref="([^"]+)"/g)) {
      const target = match[1] ?? match[2];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [path, anchor] = target.split('#');
      const resolved = path ? resolve(dirname(file), decodeURI(path)) : file;
      const where = `${relative(root, file)}:${index + 1}`;
      if (!existsSync(resolved)) {
        broken.push(`${where}: ${target} (no such file)`);
        continue;
      }
      if (anchor && resolved.endsWith('.md') && !anchorsIn(resolved).has(decodeURIComponent(anchor))) broken.push(`${where}: ${target} (no such heading)`);
    }
  });
}

if (broken.length) {
  console.error(`Broken links (${broken.length}):\n${broken.join('\n')}`);
  process.exit(1);
}
console.log('Every relative link and anchor in README.md, CONTRIBUTING.md and docs/ resolves.');
