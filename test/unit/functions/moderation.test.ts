// Moderation providers: the local rules, and the AWS provider with MOCKED Rekognition/Comprehend clients.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { moderationInput } from '../../../functions/moderation/handler.js';
import { createAwsProvider } from '../../../functions/moderation/providers/aws.js';
import { providerFromEnv } from '../../../functions/moderation/providers/index.js';
import { createRulesProvider } from '../../../functions/moderation/providers/rules.js';

const image = { imageKey: 'media/01ABC/1080.webp', width: 1080, height: 1350 };
const rules = createRulesProvider();

describe('rules provider', () => {
  it('approves an ordinary caption with at most one link', async () => {
    expect(await rules.check({ ...image, caption: 'Morning light ☀️ more at https://example.com/gallery' })).toEqual({ verdict: 'APPROVE', reasons: [] });
    expect(await rules.check({ ...image, caption: '' })).toEqual({ verdict: 'APPROVE', reasons: [] });
  });
  it.each([
    ['blocked words, whatever the case or punctuation', 'Best CASINO!!! in town', /blocked words: casino/],
    ['blocked words spelled apart', 'v-i-a-g-r-a cheap', /blocked words: viagra/],
    ['more than one link', 'see https://a.example.com and http://b.example.org', /2 links/],
    ['a link shortener', 'click bit.ly/abc', /link shortener: bit\.ly\/abc/],
  ])('flags %s', async (_name, caption, reason) => {
    const result = await rules.check({ ...image, caption });
    expect(result.verdict).toBe('FLAG');
    expect(result.reasons.join('; ')).toMatch(reason);
  });
  it('does not flag words that merely contain a short blocked word', async () => {
    expect((await rules.check({ ...image, caption: 'Forza Nazionale! what a match' })).reasons).toEqual([]);
  });
  it('flags impossible image sizes, banner shapes and keys that are not processed renditions', async () => {
    expect((await rules.check({ ...image, caption: '', width: 20, height: 20 })).reasons[0]).toMatch(/outside 64..8000/);
    expect((await rules.check({ ...image, caption: '', width: 4000, height: 200 })).reasons[0]).toMatch(/aspect ratio/);
    expect((await rules.check({ ...image, caption: '', imageKey: 'uploads/u/raw' })).reasons[0]).toMatch(/not a processed WebP/);
  });
  it('MODERATION_BLOCKED_WORDS replaces the word list; an unknown provider name is a clear error', async () => {
    const custom = providerFromEnv({ MODERATION_BLOCKED_WORDS: 'pineapple, anchovies' });
    expect((await custom.check({ ...image, caption: 'pineapple pizza' })).reasons[0]).toMatch(/pineapple/);
    expect(() => providerFromEnv({ MODERATION_PROVIDER: 'magic' })).toThrow(/MODERATION_PROVIDER must be 'rules' or 'aws', got "magic"/);
  });
});

describe('AWS provider (Rekognition and Comprehend clients MOCKED)', () => {
  const webp = () => sharp({ create: { width: 100, height: 100, channels: 3, background: '#888' } }).webp().toBuffer();
  function mocked(labels: Array<{ Name: string; Confidence: number }>, toxicity: { Toxicity: number; Labels: Array<{ Name: string; Score: number }> }) {
    const calls: Array<{ name: string; input: Record<string, any> }> = [];
    const client = (answer: unknown) => ({
      send: async (command: { constructor: { name: string }; input: Record<string, any> }) => {
        calls.push({ name: command.constructor.name, input: command.input });
        return answer;
      },
    });
    return {
      calls,
      provider: createAwsProvider({
        rekognition: client({ ModerationLabels: labels }) as never,
        comprehend: client({ ResultList: [toxicity] }) as never,
        readImage: async () => webp(),
        minConfidence: 75,
        toxicityThreshold: 0.6,
      }),
    };
  }

  it('sends the rendition as JPEG bytes (Rekognition reads no WebP) and the caption to DetectToxicContent', async () => {
    const { calls, provider } = mocked([], { Toxicity: 0.1, Labels: [] });
    expect(await provider.check({ ...image, caption: 'nice dog' })).toEqual({ verdict: 'APPROVE', reasons: [] });
    const rekognition = calls.find((c) => c.name === 'DetectModerationLabelsCommand')!;
    expect(rekognition.input.MinConfidence).toBe(75);
    expect((await sharp(rekognition.input.Image.Bytes).metadata()).format).toBe('jpeg');
    expect(calls.find((c) => c.name === 'DetectToxicContentCommand')!.input).toEqual({ TextSegments: [{ Text: 'nice dog' }], LanguageCode: 'en' });
  });
  it('flags on moderation labels and on toxicity over the threshold, naming them', async () => {
    const { provider } = mocked([{ Name: 'Explicit Nudity', Confidence: 97.6 }], { Toxicity: 0.81, Labels: [{ Name: 'INSULT', Score: 0.77 }, { Name: 'HATE_SPEECH', Score: 0.2 }] });
    expect(await provider.check({ ...image, caption: 'you are …' })).toEqual({
      verdict: 'FLAG',
      reasons: ['image: Explicit Nudity (98%)', 'caption toxicity 0.81: INSULT 0.77'],
    });
  });
  it('does not call Comprehend for an empty caption (it refuses empty text)', async () => {
    const { calls, provider } = mocked([], { Toxicity: 0, Labels: [] });
    await provider.check({ ...image, caption: '   ' });
    expect(calls.map((c) => c.name)).toEqual(['DetectModerationLabelsCommand']);
  });
});

describe('moderationInput', () => {
  it('looks at the largest rendition and the original size', () => {
    const post = { id: 'p', caption: 'c', media: { width: 2000, height: 1000, variants: [{ width: 1080, key: 'media/x/1080.webp' }, { width: 320, key: 'media/x/320.webp' }] } };
    expect(moderationInput(post)).toEqual({ caption: 'c', imageKey: 'media/x/1080.webp', width: 2000, height: 1000 });
    expect(() => moderationInput({ id: 'p', media: { variants: [] } })).toThrow('post p: media has no variants');
  });
});
