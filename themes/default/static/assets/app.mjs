// Progressive enhancement: pages work without this file.
document.documentElement.classList.add('js');
