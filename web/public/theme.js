// Runs before the first paint (a file, not inline, so the page keeps `script-src 'self'`): the
// stored choice ("light" | "dark"), else the system's, decides the theme class on <html>.
(() => {
  let choice = null;
  try {
    choice = localStorage.getItem('theme');
  } catch {}
  const dark = choice === 'dark' || (choice !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
})();
