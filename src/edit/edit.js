// The editor's pages work without this script; with it, an edit link's card gets focus.
(function () {
  'use strict';
  function focusCard() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var card = document.getElementById(id);
    if (!card) return;
    var input = card.matches('input,textarea,select') ? card : card.querySelector('input:not([type=hidden]):not([readonly]),textarea:not([readonly]),select');
    (input || card).focus();
  }
  document.addEventListener('DOMContentLoaded', function () {
    if (document.querySelector('[autofocus]')) return;
    if (location.hash) { focusCard(); return; }
    var saved = document.getElementById('saved-notice');
    if (saved) saved.focus();
  });
  window.addEventListener('hashchange', focusCard);
})();
