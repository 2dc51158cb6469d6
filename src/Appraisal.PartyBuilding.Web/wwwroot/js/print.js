// Buttons marked data-print open the browser's print dialog (kept in a file: the CSP forbids inline scripts).
document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
});
