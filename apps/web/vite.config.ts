import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';

export default defineConfig({
  // Composition API only: drop the Options API and vue-i18n's legacy API from the bundle.
  plugins: [vue({ features: { optionsAPI: false } }), precompress()],
  define: {
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  // Every route is lazy. Leaflet (the territory and facilities maps) and chart.js (the budget
  // outlook) each get a named chunk that only those pages load, never the initial bundle; the
  // names let the browser journeys check that the login page does not load them.
  build: {
    outDir: 'dist',
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Only packages without dependencies on the app's own (a group takes its members'
            // dependencies along: vue-chartjs would take Vue).
            { name: 'leaflet', test: /node_modules[\\/]leaflet(\.markercluster)?[\\/]/ },
            { name: 'chartjs', test: /node_modules[\\/](chart\.js|@kurkle[\\/]color)[\\/]/ },
          ],
        },
      },
    },
  },
});
