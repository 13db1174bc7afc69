import { onBeforeUnmount, ref, watch, type Ref } from 'vue';

/**
 * Becomes true (once) when `target` comes within `margin` of the viewport: what is further down
 * the page (a map and its Leaflet) is fetched when the visitor scrolls towards it, not before.
 * Without IntersectionObserver it is true at once.
 */
export function useNearViewport(target: Readonly<Ref<HTMLElement | null>>, margin = '200px') {
  const near = ref(typeof IntersectionObserver === 'undefined');
  let observer: IntersectionObserver | undefined;
  const stop = watch(
    target,
    (element) => {
      observer?.disconnect();
      if (!element || near.value) return;
      observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            near.value = true;
            observer?.disconnect();
          }
        },
        { rootMargin: margin },
      );
      observer.observe(element);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    stop();
    observer?.disconnect();
  });
  return near;
}
