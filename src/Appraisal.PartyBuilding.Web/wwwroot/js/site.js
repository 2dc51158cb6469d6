// Behaviour every page may use, declared in markup instead of inline handlers (the Content-Security-Policy allows
// no inline script): data-confirm="question" asks before a form is submitted, data-autosubmit submits its form on change.
(function () {
  document.addEventListener('submit', event => {
    const question = event.target.dataset && event.target.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  });
  document.addEventListener('change', event => {
    if (event.target.matches && event.target.matches('[data-autosubmit]') && event.target.form) event.target.form.submit();
  });
})();
