#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A whole dossier with the keyboard alone, through the accessibility tree.

Starts dagprijzen-server --demo (clock on 15 May 2025) and the application against it, then,
as a person would and with keys only (XTest through AT-SPI: no clicks, no actions): logs in,
starts the 2025 measurement, changes a price in Part 1, adds a line with Ctrl+N and fills it,
removes a line with Delete, edits a gross price in Part 2, saves with Ctrl+S, submits and
confirms, and reads the reference from the confirmation. Each step is asserted on the
accessibility tree (nodes found by role and name) and on the draft the application saved.
Every control the focus lands on must have an accessible name; those that have none are
listed and fail the run.

Needs an X display and a D-Bus session bus (the README's test command gives both) and
python3-dogtail; without them it reports a skip (exit 77).

Usage: walkthrough.py [BUILD_DIR [SCREENSHOT_DIR]]
BUILD_DIR defaults to $DAGPRIJZEN_BUILD_DIR, else ./build; screenshots are taken (with
ImageMagick's import) only when SCREENSHOT_DIR, or $A11Y_SCREENSHOTS, is given.
"""

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77

if not os.environ.get('DISPLAY') or not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    print('SKIP: needs an X display and a D-Bus session bus')
    sys.exit(SKIP)

# The AT-SPI bridge of this (GTK 3) process, for dogtail; the application exports its own.
os.environ['GTK_MODULES'] = 'gail:atk-bridge'
os.environ.pop('NO_AT_BRIDGE', None)

try:
    import pyatspi
    from dogtail import rawinput
    from dogtail.config import config
    from gi.repository import GLib
except ImportError as error:
    print('SKIP: dogtail is not installed (%s)' % error)
    sys.exit(SKIP)

config.logDebugToStdOut = False
config.logDebugToFile = False
config.typingDelay = 0.02

BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1
                        else os.environ.get('DAGPRIJZEN_BUILD_DIR', 'build'))
SHOTS = sys.argv[2] if len(sys.argv) > 2 else os.environ.get('A11Y_SCREENSHOTS')

# A name GTK 4.8 falls back to when a widget has none: its type name.
TYPE_NAME = re.compile(r'^(Gtk|Adw|Dp)[A-Za-z]+$')

focus_events = []
visited = []        # (step, role, name) of every control the focus landed on
unnamed = []
# GTK 4.8 gives the rows of a dropdown's list no accessible name and no way to set one
# (GtkListItem:accessible-label is GTK 4.12): noted, not failed.
KNOWN_UNNAMED_STEPS = ('room type list',)
known_unnamed = []


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def on_focus(event):
    if event.detail1 == 1:
        focus_events.append(event.source)


def pump(seconds):
    context = GLib.MainContext.default()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        while context.iteration(False):
            pass
        time.sleep(0.02)


def describe(node):
    if node is None:
        return 'nothing'
    return '[%s] %r' % (node.getRoleName(), node.name)


def is_unnamed(name):
    return not name or not name.strip() or TYPE_NAME.match(name) is not None


def application():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == 'dagprijzen':
            return app
    return None


def nodes(root):
    out = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        out.append(node)
        try:
            stack.extend(node.getChildAtIndex(i) for i in range(node.childCount))
        except Exception:
            pass
    return out


def find(role, name, root=None, pattern=False, timeout=10.0):
    """The first node of @role whose name is @name (or matches it), waiting for it."""
    end = time.monotonic() + timeout
    while True:
        top = root or application()
        if top is not None:
            for node in nodes(top):
                try:
                    if node.getRoleName() != role:
                        continue
                    if (re.search(name, node.name) if pattern else node.name == name):
                        return node
                except Exception:
                    continue
        if time.monotonic() > end:
            raise Failure('no %s named %r' % (role, name))
        pump(0.2)


def toast(text, window, timeout=10.0):
    """Waits for a toast saying @text. A toast lasts a few seconds and sits near the top of
    the window's tree: look only there, so that each look is quick."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        level = [window]
        for _ in range(8):
            below = []
            for node in level:
                try:
                    if node.getRoleName() == 'label' and node.name == text:
                        return node
                    below.extend(node.getChildAtIndex(i) for i in range(node.childCount))
                except Exception:
                    continue
            level = [node for node in below if node is not None]
        pump(0.05)
    raise Failure('no toast %r' % text)


def gone(role, name, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if not any(n.getRoleName() == role and n.name == name for n in nodes(application())):
            return True
        pump(0.2)
    return False


def toplevel(role, name, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app = application()
        if app is not None:
            for i in range(app.childCount):
                child = app.getChildAtIndex(i)
                if child is not None and child.getRoleName() == role and child.name == name:
                    return child
        pump(0.2)
    raise Failure('no %s window %r' % (role, name))


def focused_now():
    for node in nodes(application()):
        try:
            if (node.getState().contains(pyatspi.STATE_FOCUSED)
                    and node.getRole() not in (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG)):
                return node
        except Exception:
            continue
    return None


def press(key, step, wait=0.35):
    """Presses @key (a key name or a combination such as <Control>s) and returns the control
    that has the focus afterwards, noting it when it has no name."""
    before = len(focus_events)
    if key.startswith('<'):
        rawinput.keyCombo(key)
    else:
        rawinput.pressKey(key)
    pump(wait)
    node = focus_events[-1] if len(focus_events) > before else focused_now()
    if node is not None:
        try:
            role, name = node.getRoleName(), node.name
        except Exception:
            return node
        visited.append((step, role, name))
        if is_unnamed(name):
            found = known_unnamed if step in KNOWN_UNNAMED_STEPS else unnamed
            if (step, role, name) not in found:
                found.append((step, role, name))
    return node


def named(node, name):
    """Whether @node is named @name. GTK 4.8 names a button with a mnemonic by its label
    property and its label both (“_OK OK”); GTK 4.10 and later by the label alone."""
    if node is None:
        return False
    plain = node.name.replace('_', '')
    return node.name == name or plain == name or plain == name + ' ' + name


def tab_to(name, step, backward=False, limit=60):
    """Tabs (or Shift+Tabs) until the focus is on the control named @name."""
    for _ in range(limit):
        node = press('<Shift>Tab' if backward else 'Tab', step)
        if named(node, name):
            return node
    raise Failure('%s: Tab never reached %r' % (step, name))


def type_text(text):
    rawinput.typeText(text)
    pump(0.2)


def shot(name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        subprocess.run(['import', '-window', 'root', os.path.join(SHOTS, name + '.png')],
                       check=False, stderr=subprocess.DEVNULL)


def saved_draft(data_home):
    paths = glob.glob(os.path.join(data_home, '**', '*2025.json'), recursive=True)
    check(len(paths) == 1, 'expected one saved 2025 draft, found %r' % paths)
    with open(paths[0], encoding='utf-8') as file:
        return json.load(file)


def walk(data_home):
    steps = []

    # 1. Log in: the application opens with the focus in the code; Enter logs in.
    toplevel('frame', 'Dagprijzen', timeout=30)
    find('text', 'Code', timeout=30)
    # The demo user and its code of the moment are filled in once the application is up.
    find('label', r'^Demo service: the code right now is \d{6}\.', pattern=True, timeout=30)
    shot('01-login')
    press('Return', 'log in', wait=1.0)
    start = find('push button', r'Start\b', pattern=True, timeout=20)
    find('list item', 'Day Price Measurement, May 2025')
    steps.append('log in: Return (the code is filled in and focused)')
    shot('02-dossiers')

    # 2. Start the 2025 measurement: Tab to Start, Return.
    tab_to(start.name, 'start', limit=10)
    press('Return', 'start', wait=1.0)
    editor = toplevel('frame', 'Day Price Measurement 2025', timeout=20)
    find('tree table', r'^Part 1:', root=editor, pattern=True)
    steps.append('start: Tab to “Start”, Return')
    shot('03-editor')

    # 3. A price in Part 1: Tab to line 1's price, select all, type, Tab.
    tab_to('Price per resident, Part 1, line 1', 'price part 1')
    press('<Control>a', 'price part 1')
    type_text('69,75')
    press('Tab', 'price part 1')
    find('label', '+1.8 %', root=editor)
    steps.append('price in Part 1: Tab ×n to line 1’s price, Ctrl+A, “69,75”, Tab')

    # 4. A new line with Ctrl+N, filled in: double room, description, capacity, price.
    node = press('<Control>n', 'new line', wait=0.8)
    check(node is not None and node.name == 'Room type, Part 1, line 4',
          'Ctrl+N: focus on %s, not on the new line’s room type' % describe(node))
    extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    check(extents.y + extents.height <= editor.queryComponent().getExtents(
        pyatspi.WINDOW_COORDS).height, 'Ctrl+N: the new line is focused out of sight')
    shot('04-new-line')
    press('space', 'room type list', wait=0.6)     # opens the list of room types
    press('Down', 'room type list')
    node = press('Return', 'room type', wait=0.6)
    check(node is not None and node.name == 'Room type, Part 1, line 4'
          and node.description == 'Double room',
          'room type: focus on %s (%r)' % (describe(node), node and node.description))
    tab_to('Description, Part 1, line 4', 'description', limit=1)
    type_text('Kamer met terras')
    tab_to('Capacity, Part 1, line 4', 'capacity', limit=1)
    press('<Control>a', 'capacity')
    type_text('20')
    tab_to('Price per resident, Part 1, line 4', 'price new line', limit=1)
    type_text('80,00')
    press('Tab', 'price new line')
    find('label', '140 of 120 units', root=editor)
    steps.append('new line: Ctrl+N, Space Down Return (double room), Tab “Kamer met terras”, '
                 'Tab Ctrl+A “20”, Tab “80,00”, Tab')
    shot('05-filled')

    # 5. Remove line 2 with Delete, and confirm.
    tab_to('Remove line 2 of Part 1', 'remove', backward=True)
    node = press('Delete', 'remove', wait=1.0)
    dialog = toplevel('dialog', 'Remove Line?')
    find('label', r'^Line 2 of Part 1 ', root=dialog, pattern=True)
    shot('06-remove')
    tab_to('Remove', 'remove', limit=3)
    press('Return', 'remove', wait=1.0)
    find('label', '120 of 120 units', root=editor)
    check(gone('text', 'Description, Part 1, line 4'), 'remove: still four lines in Part 1')
    steps.append('remove: Shift+Tab ×n to “Remove line 2 of Part 1”, Delete, Tab, Return')

    # 6. A gross price in Part 2.
    tab_to('Gross price per resident, Part 2, line 1', 'gross price')
    press('<Control>a', 'gross price')
    type_text('72,00')
    press('Tab', 'gross price')
    find('label', '€ 65.71', root=editor)
    steps.append('gross price in Part 2: Tab ×n, Ctrl+A, “72,00”, Tab')
    shot('07-part2')

    # 7. Save with Ctrl+S: the toast says so, and the draft holds every edit.
    press('<Control>s', 'save', wait=0.1)
    toast('Draft saved and sent to the e-loket', editor)
    draft = saved_draft(data_home)
    part1 = draft['luik1']
    check([line['prijs_cent'] for line in part1] == [6975, 5900, 8000]
          and part1[2] == {'kamertype': 'tweepersoonskamer',
                           'beschrijving': 'Kamer met terras',
                           'capaciteit': 20, 'prijs_cent': 8000},
          'saved Part 1 is %r' % part1)
    check(draft['luik2'][0]['brutoprijs_cent'] == 7200, 'saved Part 2 is %r' % draft['luik2'])
    steps.append('save: Ctrl+S')
    shot('08-saved')

    # 8. Submit with Ctrl+Enter, confirm with OK, read the reference.
    press('<Control>Return', 'submit', wait=1.0)
    dialog = toplevel('dialog', 'Submit the Measurement?')
    find('label', r'120 of 120 units', root=dialog, pattern=True)
    shot('09-confirm')
    tab_to('OK', 'submit', limit=3)
    press('Return', 'submit', wait=1.0)
    dialog = toplevel('dialog', 'Dossier Submitted', timeout=20)
    text = find('label', r'Reference: MDP-2025-PE1234-', root=dialog, pattern=True).name
    reference = re.search(r'Reference: (MDP-2025-PE1234-[0-9A-Z]{4})', text)
    check(reference is not None, 'no reference in %r' % text)
    steps.append('submit: Ctrl+Return, Tab to OK, Return')
    shot('10-submitted')
    press('Return', 'close')
    find('label', r'Submitted', root=editor, pattern=True)
    return steps, reference.group(1)


def main():
    server_exe = os.path.join(BUILD, 'src', 'server', 'dagprijzen-server')
    app_exe = os.path.join(BUILD, 'src', 'app', 'dagprijzen')
    if not (os.access(server_exe, os.X_OK) and os.access(app_exe, os.X_OK)):
        print('FAIL: no programs under %s' % BUILD)
        return 1

    tmp = tempfile.mkdtemp(prefix='dagprijzen-a11y-')
    server = app = None
    try:
        server = subprocess.Popen([server_exe, '--demo', '--db', os.path.join(tmp, 'demo.db'),
                                   '--port', '0', '--today', '2025-05-15'],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        url = None
        for line in server.stdout:
            match = re.match(r'Listening on (\S+)', line)
            if match:
                url = match.group(1)
                break
        check(url is not None, 'the server did not start')

        data_home = os.path.join(tmp, 'data')
        env = dict(os.environ,
                   XDG_DATA_HOME=data_home,
                   GSETTINGS_BACKEND='memory',
                   GSETTINGS_SCHEMA_DIR=os.path.join(BUILD, 'data'),
                   DAGPRIJZEN_LOCALEDIR=os.path.join(BUILD, 'po'),
                   LANGUAGE='C', LANG='C.UTF-8', LC_ALL='C.UTF-8',
                   GIO_USE_PROXY_RESOLVER='dummy')
        for name in ('NO_AT_BRIDGE', 'GTK_A11Y', 'GTK_MODULES'):
            env.pop(name, None)
        app = subprocess.Popen([app_exe, '--service', url, '--demo-user'], env=env,
                               stdout=open(os.path.join(tmp, 'app.log'), 'w'),
                               stderr=subprocess.STDOUT)

        pyatspi.Registry.registerEventListener(on_focus, 'object:state-changed:focused')
        steps, reference = walk(data_home)
    except Failure as error:
        shot('failure')
        print('FAIL: %s' % error)
        print_visited()
        return 1
    finally:
        for process in (app, server):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
        shutil.rmtree(tmp, ignore_errors=True)

    print('Keyboard path:')
    for step in steps:
        print('  ' + step)
    print('Reference: %s' % reference)
    print('%d focus stops, %d distinct controls' % (len(visited), len({v[1:] for v in visited})))
    if unnamed:
        print('FAIL: controls without an accessible name:')
        for step, role, name in unnamed:
            print('  %s: [%s] %r' % (step, role, name))
        return 1
    for step, role, name in known_unnamed:
        print('Known GTK 4.8 limitation: %s: [%s] %r' % (step, role, name))
    print('Every control the focus landed on has an accessible name.')
    return 0


def print_visited():
    for step, role, name in visited[-15:]:
        print('  %s: [%s] %r' % (step, role, name))
    for step, role, name in unnamed:
        print('  unnamed: %s: [%s] %r' % (step, role, name))


if __name__ == '__main__':
    sys.exit(main())
