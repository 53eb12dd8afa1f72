// The demo page's one control: it sets the full element's preset attribute.
const select = document.getElementById('demo-preset');
const element = document.getElementById('demo-full');
select.value = element.getAttribute('preset');
select.addEventListener('change', () => element.setAttribute('preset', select.value));
