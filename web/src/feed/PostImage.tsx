// A post's image: the tiny blurred placeholder at once, the WebP renditions (srcset) only when `load`
// is set (the current and the next slide), fading in once decoded.
import { useState } from 'react';
import type { MediaFieldsFragment } from '../api/generated/graphql';

function srcSetOf(media: MediaFieldsFragment): string {
  return media.variants.map((v) => `${v.url} ${v.width}w`).join(', ');
}

export function PostImage({
  media,
  alt,
  load,
  priority = false,
  fill = false,
}: {
  media: MediaFieldsFragment;
  alt: string;
  load: boolean;
  priority?: boolean;
  /** Cover the whole parent (the feed's full-screen slides) instead of keeping the image's aspect ratio. */
  fill?: boolean;
}) {
  const [loaded, setLoaded] = useState(false);
  const smallest = media.variants[0];
  return (
    <div
      className={fill ? 'post-image fill' : 'post-image'}
      style={{ backgroundImage: `url("${media.placeholder}")`, aspectRatio: fill ? undefined : `${media.width} / ${media.height}` }}
      data-testid="post-image"
    >
      {load && smallest ? (
        <img
          src={smallest.url}
          srcSet={srcSetOf(media)}
          sizes="100vw"
          width={media.width}
          height={media.height}
          alt={alt}
          decoding="async"
          // the visible slide's image is the page's LCP element: ask for it first
          fetchPriority={priority ? 'high' : 'low'}
          className={loaded ? 'loaded' : ''}
          onLoad={() => setLoaded(true)}
        />
      ) : (
        <span role="img" aria-label={alt} />
      )}
    </div>
  );
}
