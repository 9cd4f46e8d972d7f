import { describe, expect, it } from 'vitest';
import { bundleGuide, mergeMaterials } from '../src/index.js';
import { matter } from './fixtures.js';

describe('一件事 bundles', () => {
  it('asks for each document once, with the most originals and copies any matter needs, notes kept', () => {
    expect(
      mergeMaterials([
        [
          { name: '身份证', original: 1, copies: 1 },
          { name: '营业执照', original: 1, copies: 0, note: '副本' },
        ],
        [
          { name: '身份证', original: 1, copies: 2 },
          { name: '营业执照', original: 0, copies: 1, note: '加盖公章' },
          { name: '平面图', original: 1, copies: 0 },
        ],
      ]),
    ).toEqual([
      { name: '身份证', original: 1, copies: 2 },
      { name: '营业执照', original: 1, copies: 1, note: '副本；加盖公章' },
      { name: '平面图', original: 1, copies: 0 },
    ]);
  });

  it("combines the members' conditions, materials, legal bases, questions and forms; its own steps win", () => {
    const a = matter('a', 'c', {
      guide: {
        ...matter('a', 'c').guide,
        conditions: ['有经营能力'],
        materials: [{ name: '身份证', original: 1, copies: 1 }],
        steps: ['受理'],
        legalBasis: ['条例一'],
        forms: [{ name: '申请书', url: '/forms/a.pdf' }],
      },
    });
    const b = matter('b', 'c', {
      guide: {
        ...matter('b', 'c').guide,
        conditions: ['有经营能力', '有场所'],
        materials: [{ name: '身份证', original: 1, copies: 0 }],
        legalBasis: ['条例一', '条例二'],
        faq: [{ q: '多久？', a: '十天' }],
      },
    });
    const bundle = matter('ab', 'c', {
      bundleOf: ['a', 'b'],
      guide: { ...matter('ab', 'c').guide, steps: ['一窗受理'], plain: '一次办好' },
    });
    const g = bundleGuide(bundle, [a, b]);
    expect(g.conditions).toEqual(['有经营能力', '有场所']);
    expect(g.materials).toEqual([{ name: '身份证', original: 1, copies: 1 }]);
    expect(g.legalBasis).toEqual(['条例一', '条例二']);
    expect(g.faq).toEqual([{ q: '多久？', a: '十天' }]);
    expect(g.forms).toEqual([{ name: '申请书', url: '/forms/a.pdf' }]);
    expect(g.steps).toEqual(['一窗受理']);
    expect(g.plain).toBe('一次办好');
    expect(bundleGuide({ ...bundle, guide: { ...bundle.guide, steps: [] } }, [a, b]).steps).toEqual(['受理']);
  });
});
