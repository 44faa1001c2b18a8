// Quitto console: no inline scripts (the CSP allows only 'self'). Charts are drawn from data-* attributes with Chart.js,
// served from its webjar; pages that have charts load it (model attribute "charts").
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
});
