#!/usr/bin/env python3
# Checks the Dutch translation against the sources:
#   stats     msgfmt --check --statistics on po/nl.po: no error, no fuzzy, no untranslated entry
#   potfiles  every file with translatable strings is in po/POTFILES.in, and every listed exists
#   current   every string the sources mark today has a Dutch translation in po/nl.po
#   glossary  the handleiding's words are used for the glossary's terms (DESIGN.md)
# Usage: po-check.py CHECK SOURCE_ROOT MSGFMT XGETTEXT
# An empty tool path means it is not installed: the check is skipped (exit 77).

import os
import re
import subprocess
import sys
import tempfile

SKIP = 77


def fail(message):
    print('FAIL: ' + message)
    sys.exit(1)


def read_po(path):
    """Entries of a PO file as dicts with msgctxt, msgid, msgid_plural, msgstr (list), flags."""
    entries = []
    cur = None
    key = None

    def finish():
        if cur is not None and 'msgid' in cur:
            entries.append(cur)

    def unquote(s):
        s = s.strip()
        assert s.startswith('"') and s.endswith('"'), s
        return (s[1:-1].replace('\\n', '\n').replace('\\t', '\t')
                .replace('\\"', '"').replace('\\\\', '\\'))

    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('#~'):
                continue                      # obsolete entries are not shipped
            if not line.strip():
                finish()
                cur, key = None, None
                continue
            if cur is None:
                cur = {'flags': set(), 'msgstr': {}, 'msgctxt': None, 'msgid_plural': None}
            if line.startswith('#,'):
                cur['flags'] |= {f.strip() for f in line[2:].split(',')}
            elif line.startswith('#'):
                continue
            elif line.startswith('msgctxt '):
                key = 'msgctxt'
                cur[key] = unquote(line[8:])
            elif line.startswith('msgid_plural '):
                key = 'msgid_plural'
                cur[key] = unquote(line[13:])
            elif line.startswith('msgid '):
                key = 'msgid'
                cur[key] = unquote(line[6:])
            elif line.startswith('msgstr['):
                n = int(line[7:line.index(']')])
                key = ('msgstr', n)
                cur['msgstr'][n] = unquote(line[line.index(']') + 1:])
            elif line.startswith('msgstr '):
                key = ('msgstr', 0)
                cur['msgstr'][0] = unquote(line[7:])
            elif line.startswith('"'):
                if isinstance(key, tuple):
                    cur['msgstr'][key[1]] += unquote(line)
                else:
                    cur[key] += unquote(line)
        finish()
    return [e for e in entries if e['msgid'] != '' or e['msgctxt'] is not None]


def check_stats(root, msgfmt):
    po = os.path.join(root, 'po', 'nl.po')
    r = subprocess.run([msgfmt, '--check', '--statistics', '-o', os.devnull, po],
                       capture_output=True, text=True)
    out = (r.stdout + r.stderr).strip()
    print(out)
    if r.returncode != 0:
        fail('msgfmt --check refuses po/nl.po')
    m = re.search(r'(\d+) translated message', out)
    if not m:
        fail('msgfmt printed no statistics')
    translated = int(m.group(1))
    fuzzy = re.search(r'(\d+) fuzzy translation', out)
    untranslated = re.search(r'(\d+) untranslated message', out)
    if fuzzy or untranslated:
        fail('po/nl.po has fuzzy or untranslated entries')
    # msgfmt counts a plural entry as translated when its first form is; every form must be.
    for e in read_po(po):
        if any(s == '' for s in e['msgstr'].values()):
            fail('an empty form in the entry for "%s"' % e['msgid'])
    if translated == 0:
        fail('po/nl.po translates nothing')
    print('%d messages, all translated' % translated)


MARKED_C = re.compile(r'\b(?:_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)\s*\(\s*"')
MARKED_UI = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')


def potfiles(root):
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        return [l.strip() for l in f if l.strip() and not l.startswith('#')]


def check_potfiles(root):
    listed = potfiles(root)
    missing_files = [p for p in listed if not os.path.exists(os.path.join(root, p))]
    if missing_files:
        fail('po/POTFILES.in lists files that do not exist: ' + ', '.join(missing_files))
    marked = []
    for top in ('src', 'ui', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                if name.endswith(('.c', '.h')):
                    with open(path, encoding='utf-8', errors='replace') as f:
                        if MARKED_C.search(f.read()):
                            marked.append(rel)
                elif name.endswith('.ui') or name.endswith('.blp'):
                    with open(path, encoding='utf-8', errors='replace') as f:
                        if MARKED_UI.search(f.read()):
                            marked.append(rel)
                elif name.endswith(('.desktop.in', '.metainfo.xml.in', '.gschema.xml')):
                    marked.append(rel)
    unlisted = [p for p in marked if p not in listed]
    if unlisted:
        fail('files with translatable strings missing from po/POTFILES.in:\n  ' +
             '\n  '.join(unlisted))
    print('%d files with translatable strings, all in po/POTFILES.in' % len(marked))


# The keywords of meson's glib preset (i18n.gettext(preset: 'glib')).
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
]


def check_current(root, msgfmt, xgettext):
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'dagprijzen.pot')
        r = subprocess.run([xgettext, '--package-name=dagprijzen', '-o', pot,
                            '--files-from=' + os.path.join(root, 'po', 'POTFILES.in'),
                            '--directory=' + root]
                           + XGETTEXT_ARGS, capture_output=True, text=True)
        if r.returncode != 0:
            print(r.stderr)
            fail('xgettext cannot extract the strings of po/POTFILES.in')
        wanted = {(e['msgctxt'], e['msgid']) for e in read_po(pot)}
    have = {(e['msgctxt'], e['msgid']): e for e in read_po(os.path.join(root, 'po', 'nl.po'))}
    missing = sorted((k for k in wanted if k not in have or 'fuzzy' in have[k]['flags']
                     or any(s == '' for s in have[k]['msgstr'].values())),
                     key=lambda k: (k[0] or '', k[1]))
    if missing:
        fail('%d strings of the sources have no Dutch translation in po/nl.po '
             '(run meson compile -C build dagprijzen-update-po and translate them):\n  %s'
             % (len(missing), '\n  '.join(repr(m[1]) for m in missing)))
    print('%d strings in the sources, all translated' % len(wanted))


# English term in a msgid -> the Dutch word(s) of the handleiding its translation must use.
GLOSSARY = [
    (r'\bPart 1\b', ['Luik 1']),
    (r'\bPart 2\b', ['Luik 2']),
    (r'\brecognised capacity\b', ['erkende capaciteit']),
    (r'\binfrastructure allowance discount\b', ['korting infrastructuurforfait']),
    (r'\bmeasurement date\b', ['meetdatum']),
    (r'\bsingle room\b', ['éénpersoonskamer']),
    (r'\bdouble room\b', ['tweepersoonskamer']),
    (r'\bgross price\b', ['brutoprijs']),
    (r'\bnet price\b', ['nettoprijs']),
    (r'\bprice per resident\b', ['prijs per bewoner']),
    (r'\bunits?\b', ['woongelegenhe']),
    (r'\bfacility\b', ['voorziening']),
    (r'\bfindings\b', ['bevinding']),
    (r'^_?Submit(…|\.\.\.)?$', ['Indienen']),
    (r'^_?Save$', ['Bewaren']),
    (r'^_?Cancel$', ['Annuleer']),
    (r'^_?OK$', ['OK']),
    (r'^Draft$', ['Ontwerp']),
    (r'^Submitted$', ['Ingediend']),
]


def check_glossary(root):
    bad = []
    for e in read_po(os.path.join(root, 'po', 'nl.po')):
        for pattern, words in GLOSSARY:
            for english, dutch in [(e['msgid'], e['msgstr'].get(0, ''))] + (
                    [(e['msgid_plural'], s) for n, s in e['msgstr'].items() if n > 0]
                    if e['msgid_plural'] else []):
                if re.search(pattern, english, re.IGNORECASE if pattern[0] != '^' else 0):
                    if not any(w.lower() in dutch.lower().replace('_', '') for w in words):
                        bad.append('%r -> %r: expected %s' % (english, dutch, ' or '.join(words)))
        # Plain "Cancel" in Dutch is "Annuleren" elsewhere in GNOME: the handleiding says
        # "Annuleer", and so do we, everywhere.
        for s in e['msgstr'].values():
            if re.search(r'\bAnnuleren\b', s):
                bad.append('%r -> %r: the handleiding says "Annuleer"' % (e['msgid'], s))
    if bad:
        fail('translations that do not use the handleiding\'s words:\n  ' + '\n  '.join(bad))
    print('glossary respected')


def main():
    check, root = sys.argv[1], sys.argv[2]
    tools = sys.argv[3:]
    if check in ('stats', 'current') and any(t == '' for t in tools):
        print('SKIP: gettext tools are not installed (tools/install-deps installs them)')
        sys.exit(SKIP)
    if check == 'stats':
        check_stats(root, tools[0])
    elif check == 'potfiles':
        check_potfiles(root)
    elif check == 'current':
        check_current(root, tools[0], tools[1])
    elif check == 'glossary':
        check_glossary(root)
    else:
        fail('unknown check ' + check)


if __name__ == '__main__':
    main()
