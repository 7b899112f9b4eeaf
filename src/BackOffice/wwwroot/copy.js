// The console's only script: a button with data-copy="<input id>" copies that input's value (e.g. a new API key).
document.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-copy]');
    if (!button) return;
    const source = document.getElementById(button.dataset.copy);
    try {
        await navigator.clipboard.writeText(source.value);
        button.textContent = 'Copied';
    } catch {
        source.select();
        button.textContent = 'Press Ctrl+C to copy';
    }
});
