// embed.html?preset=<id>[&compact][&s=<base64url scenario>]: copies the query into the
// element's attributes before its first render (the element renders in a microtask).
import './greenfront-calculator.js';

const params = new URLSearchParams(location.search);
const element = document.getElementById('calculator');
const preset = params.get('preset');
const scenario = params.get('s');
if (preset) element.setAttribute('preset', preset);
if (scenario) element.setAttribute('scenario', scenario);
const compact = params.get('compact');
if (compact !== null && compact !== '0' && compact !== 'false') element.setAttribute('compact', '');
