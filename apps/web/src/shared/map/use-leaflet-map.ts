import L from 'leaflet';
import { markRaw, onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';

export interface LeafletMapOptions {
  /** Tile URL template; empty = no base map. */
  tileUrl: () => string;
  tileAttribution: () => string;
  center: L.LatLngExpression;
  zoom: number;
  map?: L.MapOptions;
  /** Draws the layers once the map exists (and again whenever the caller asks). */
  ready: (map: L.Map) => void;
}

/**
 * A Leaflet map in `container` with a base map (when configured) and a translated zoom
 * control. Leaflet objects are never made reactive: shallowRef + markRaw. The map is removed
 * with the component.
 */
export function useLeafletMap(
  container: Readonly<Ref<HTMLElement | null>>,
  options: LeafletMapOptions,
) {
  const { t, locale } = useI18n();
  const map = shallowRef<L.Map | null>(null);
  const zoom = shallowRef<L.Control.Zoom | null>(null);
  const tiles = shallowRef<L.TileLayer | null>(null);

  function drawTiles(): void {
    const m = map.value;
    if (!m) return;
    tiles.value?.remove();
    const url = options.tileUrl();
    tiles.value = url
      ? markRaw(L.tileLayer(url, { attribution: options.tileAttribution() }).addTo(m))
      : null;
  }

  function drawZoomControl(): void {
    const m = map.value;
    if (!m) return;
    zoom.value?.remove();
    zoom.value = markRaw(
      L.control.zoom({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(m),
    );
  }

  onMounted(() => {
    if (!container.value) return;
    const m = L.map(container.value, { zoomControl: false, zoomSnap: 0.25, ...options.map });
    m.attributionControl.setPrefix(false);
    m.setView(options.center, options.zoom);
    map.value = markRaw(m);
    drawZoomControl();
    drawTiles();
    options.ready(m);
  });

  onBeforeUnmount(() => {
    map.value?.remove();
    map.value = null;
  });

  watch(options.tileUrl, drawTiles);
  watch(locale, drawZoomControl);

  /** Fits the view to `bounds`, not animated: an animation's timer fails if the page is left. */
  function fit(bounds: L.LatLngBounds, maxZoom: number): void {
    if (bounds.isValid())
      map.value?.fitBounds(bounds, { padding: [30, 30], maxZoom, animate: false });
  }

  let credited = '';
  /**
   * Unit boundaries derive from ČÚZK RÚIAN data (CC BY 4.0): the map credits them whenever it
   * draws some (call again after a change of language).
   */
  function creditBoundaries(drawn: boolean): void {
    const control = map.value?.attributionControl;
    if (!control) return;
    if (credited) control.removeAttribution(credited);
    credited = drawn ? t('map.boundaryAttribution') : '';
    if (credited) control.addAttribution(credited);
  }

  return { map, fit, creditBoundaries };
}
