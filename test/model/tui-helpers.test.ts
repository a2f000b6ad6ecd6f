import assert from 'node:assert/strict';
import {test} from 'node:test';
import {scrollWindow} from '../../source/model/list-window.js';
import {resolveSelection, selectionOf} from '../../source/model/row-identity.js';
import {changedRowIds} from '../../source/model/pane-rows.js';
import {themeFromEnvironment, toneStyle} from '../../source/ui/app/theme.js';
import {readOnlyReason} from '../../source/ui/app/run-tui.js';

test('scrollWindow moves only when the selection would leave the view', () => {
	assert.deepEqual(scrollWindow(100, 0, 10), {start: 0, end: 10});
	assert.deepEqual(scrollWindow(100, 9, 10, 0), {start: 0, end: 10});
	assert.deepEqual(scrollWindow(100, 10, 10, 0), {start: 1, end: 11});
	assert.deepEqual(scrollWindow(100, 50, 10, 45), {start: 45, end: 55});
	assert.deepEqual(scrollWindow(100, 40, 10, 45), {start: 40, end: 50});
	assert.deepEqual(scrollWindow(100, 99, 10, 0), {start: 90, end: 100});
	assert.deepEqual(scrollWindow(5, 4, 10, 3), {start: 0, end: 5});
	assert.deepEqual(scrollWindow(0, 0, 10), {start: 0, end: 0});
});

test('resolveSelection: exact id, then an alias, then the old position', () => {
	const rows = [
		{id: 'if:1:lo', aliases: ['ifname:lo']},
		{id: 'if:7:eth0', aliases: ['ifname:eth0', 'ifindex:7']},
	];
	assert.equal(resolveSelection(rows, null), 0);
	assert.equal(resolveSelection(rows, selectionOf({id: 'if:7:eth0', aliases: []}, 0)), 1);
	assert.equal(resolveSelection(rows, {id: 'if:9:eth0', aliases: ['ifname:eth0'], index: 0}), 1);
	assert.equal(resolveSelection(rows, {id: 'gone', aliases: ['gone'], index: 5}), 1);
	assert.equal(resolveSelection([], null), -1);
});

test('changedRowIds: new rows and rows whose signature changed', () => {
	const before = new Map([
		['a', '1'],
		['b', '2'],
	]);
	const after = new Map([
		['a', '1'],
		['b', '3'],
		['c', '1'],
	]);
	assert.deepEqual([...changedRowIds(before, after)], ['b', 'c']);
});

test('NO_COLOR takes the colours away, not the meaning', () => {
	assert.deepEqual(themeFromEnvironment({}), {color: true});
	assert.deepEqual(themeFromEnvironment({NO_COLOR: '1'}), {color: false});
	assert.deepEqual(themeFromEnvironment({NO_COLOR: ''}), {color: true});
	assert.deepEqual(toneStyle('up', {color: true}), {color: 'green'});
	assert.deepEqual(toneStyle('down', {color: true}), {color: 'red'});
	for (const tone of [
		'up',
		'down',
		'unnamed',
		'changed',
		'paneTitleFocused',
		'defaultRoute',
	] as const) {
		const style = toneStyle(tone, {color: false});
		assert.equal(style.color, undefined, tone);
		assert.equal(style.backgroundColor, undefined, tone);
	}
	assert.deepEqual(toneStyle('unnamed', {color: false}), {italic: true});
});

test('readOnlyReason: forced for non-root, or asked for', () => {
	assert.match(readOnlyReason(false, 1000)!, /not running as root \(uid 1000\)/);
	assert.equal(readOnlyReason(false, 0), null);
	assert.equal(readOnlyReason(true, 0), 'started with --read-only');
});
