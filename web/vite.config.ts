// Vite for web/. The client config is served at /amplify-config.json: in dev from the file `npm start`
// writes (.local/amplify-config.json, or AMPLIFY_CONFIG_FILE=<path> as infra/local/start.ts passes it); in a
// build it is deployed next to the app.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const configFile = () => resolve(process.env.AMPLIFY_CONFIG_FILE || resolve(root, '../.local/amplify-config.json'));

function amplifyConfig(): Plugin {
  const serve: Plugin['configureServer'] = (server) => {
    server.middlewares.use('/amplify-config.json', (_req, res) => {
      const file = configFile();
      if (!existsSync(file)) {
        res.statusCode = 404;
        res.end(`${file} does not exist: start the local stack with \`npm start\``);
        return;
      }
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Cache-Control', 'no-store');
      res.end(readFileSync(file));
    });
  };
  return { name: 'amplify-config', configureServer: serve, configurePreviewServer: serve as Plugin['configurePreviewServer'] };
}

export default defineConfig({
  root,
  plugins: [react(), amplifyConfig()],
  server: { host: '127.0.0.1', strictPort: false },
  // pre-bundle every dependency at start-up, so the first visit does not trigger a re-optimise + reload
  optimizeDeps: {
    include: [
      'react', 'react/jsx-runtime', 'react-dom/client', '@tanstack/react-query', 'swiper/react', 'swiper/modules',
      'aws-amplify', 'aws-amplify/api', 'aws-amplify/auth', 'aws-amplify/utils', '@aws-amplify/ui-react', 'ulid',
    ],
  },
  preview: { host: '127.0.0.1' },
  build: { outDir: resolve(root, 'dist'), emptyOutDir: true, sourcemap: true },
});
