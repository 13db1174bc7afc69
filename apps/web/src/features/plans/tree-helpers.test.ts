import type { PlanNodeLevel, PlanTreeNode } from '@socplan/contracts';
import { describe, expect, it } from 'vitest';
import { dropTarget, dropZone, indexTree, parentIds, stepMove } from './tree-helpers.ts';

let counter = 0;
function node(level: PlanNodeLevel, code: string, children: PlanTreeNode[] = []): PlanTreeNode {
  counter += 1;
  return {
    id: code,
    level,
    code,
    title: `${level} ${code}`,
    children,
    version: counter,
  } as PlanTreeNode;
}

// 1 (1.1: 1.1.1, 1.1.2; 1.2), 2 (2.1)
const tree = [
  node('priority', '1', [
    node('measure', '1.1', [node('activity', '1.1.1'), node('activity', '1.1.2')]),
    node('measure', '1.2'),
  ]),
  node('priority', '2', [node('measure', '2.1')]),
];
const index = indexTree(tree);

describe('tree helpers', () => {
  it('lists the nodes that can be expanded', () => {
    expect(parentIds(tree)).toEqual(['1', '1.1', '2']);
  });

  it('reads the drop zone from the levels and the pointer', () => {
    expect(dropZone('measure', 'measure', 0.2)).toBe('before');
    expect(dropZone('measure', 'measure', 0.7)).toBe('after');
    expect(dropZone('measure', 'priority', 0.7)).toBe('inside');
    expect(dropZone('measure', 'activity', 0.5)).toBeNull();
    expect(dropZone('priority', 'measure', 0.5)).toBeNull();
  });

  it('moves a measure before another in its priority', () => {
    expect(dropTarget(index, '1.2', '1.1', 'before')).toEqual({ parentId: '1', position: 1 });
  });

  it('moves a measure down past its sibling (positions count without itself)', () => {
    expect(dropTarget(index, '1.1', '1.2', 'after')).toEqual({ parentId: '1', position: 2 });
  });

  it('moves a measure into another priority, at the end or beside a measure', () => {
    expect(dropTarget(index, '1.2', '2', 'inside')).toEqual({ parentId: '2', position: 2 });
    expect(dropTarget(index, '1.2', '2.1', 'before')).toEqual({ parentId: '2', position: 1 });
  });

  it('moves an activity into an empty measure', () => {
    expect(dropTarget(index, '1.1.2', '1.2', 'inside')).toEqual({ parentId: '1.2', position: 1 });
  });

  it('refuses drops that change a level or change nothing', () => {
    expect(dropTarget(index, '1.1', '1.1.1', 'before')).toBeNull();
    expect(dropTarget(index, '1', '1.1', 'inside')).toBeNull();
    expect(dropTarget(index, '1.1.1', '1.1.2', 'before')).toBeNull();
    expect(dropTarget(index, '1.1.2', '1.1', 'inside')).toBeNull();
    expect(dropTarget(index, '2', '2', 'after')).toBeNull();
  });

  it('moves priorities at the top level', () => {
    expect(dropTarget(index, '2', '1', 'before')).toEqual({ parentId: null, position: 1 });
  });

  it('steps a node up and down among its siblings, not past the ends', () => {
    expect(stepMove(index, '1.1.2', -1)).toEqual({ parentId: '1.1', position: 1 });
    expect(stepMove(index, '1.1.1', 1)).toEqual({ parentId: '1.1', position: 2 });
    expect(stepMove(index, '1.1.1', -1)).toBeNull();
    expect(stepMove(index, '2', 1)).toBeNull();
  });
});
