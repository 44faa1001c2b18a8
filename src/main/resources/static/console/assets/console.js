// Quitto console: no inline scripts (the CSP allows only 'self'). Charts are drawn from data-* attributes with Chart.js,
// served from its webjar; pages that have charts load it (model attribute "charts").
//   <canvas data-chart-labels="a|b" data-chart-values="1|2">: a doughnut (shares of a whole).
//   <canvas data-chart='{"type":"bar","label":…,"labels":[…],"values":[…],"max":100}'>: horizontal bars, one per label,
//   in the order given; a null value is a gap (no bar), never a zero. The box grows with the number of bars.
document.addEventListener('DOMContentLoaded', function () {
  if (typeof Chart === 'undefined') {
    return;
  }
  document.querySelectorAll('canvas[data-chart-labels]').forEach(function (canvas) {
    var labels = canvas.dataset.chartLabels.split('|');
    var values = canvas.dataset.chartValues.split('|').map(Number);
    new Chart(canvas, {
      type: 'doughnut',
      data: { labels: labels, datasets: [{ data: values, backgroundColor: ['#0b57d0', '#6e7781', '#b26b00', '#11623a', '#a11a1a'] }] },
      options: { animation: false, maintainAspectRatio: false, plugins: { legend: { position: 'right' } } }
    });
  });
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var spec = JSON.parse(canvas.dataset.chart);
    canvas.parentNode.style.height = Math.max(160, spec.labels.length * 26 + 56) + 'px';
    var axis = { beginAtZero: true, ticks: { color: '#1b1f24' }, grid: { color: '#d0d7de' } };
    if (typeof spec.max === 'number') {
      axis.max = spec.max;
    }
    new Chart(canvas, {
      type: 'bar',
      data: { labels: spec.labels, datasets: [{ label: spec.label, data: spec.values, backgroundColor: '#0b57d0', maxBarThickness: 22 }] },
      options: {
        indexAxis: 'y', animation: false, responsive: true, maintainAspectRatio: false,
        scales: { x: axis, y: { ticks: { color: '#1b1f24', autoSkip: false } } },
        plugins: { legend: { display: true, position: 'top' } }
      }
    });
  });
});

// A file over the form's limit (data-max-bytes) is refused before it is sent, as the server would refuse it: a field
// error beside the input, announced and focused.
document.addEventListener('submit', function (event) {
  var input = event.target.querySelector('input[type="file"][data-max-bytes]');
  var file = input && input.files && input.files[0];
  if (!file || file.size <= Number(input.dataset.maxBytes)) {
    return;
  }
  event.preventDefault();
  var error = document.getElementById(input.id + '-error');
  if (!error) {
    error = document.createElement('p');
    error.id = input.id + '-error';
    error.className = 'field-error';
    error.setAttribute('role', 'alert');
    input.insertAdjacentElement('afterend', error);
  }
  error.textContent = input.dataset.tooLarge;
  input.setAttribute('aria-invalid', 'true');
  var described = (input.getAttribute('aria-describedby') || '').split(' ').filter(function (id) { return id && id !== error.id; });
  input.setAttribute('aria-describedby', [error.id].concat(described).join(' '));
  input.focus();
});
