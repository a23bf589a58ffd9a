// Components import their own stylesheet (`import './x.css'`); Vite bundles it.
declare module '*.css';
