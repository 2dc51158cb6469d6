// The charts of the home overview and the quarterly report. The page puts the numbers in the element's data-chart
// attribute; no script is inline, so the Content-Security-Policy can allow this site's files only.
(function () {
  function draw(id, options) {
    const element = document.getElementById(id);
    if (!element || !window.echarts) return;
    const chart = echarts.init(element);
    chart.setOption(options(JSON.parse(element.dataset.chart)));
    window.addEventListener('resize', () => chart.resize());
  }

  draw('category-chart', data => ({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['全部达标', '有缺项'] },
    grid: { top: 36, left: 8, right: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.map(d => d.name), axisLabel: { interval: 0, rotate: data.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '全部达标', type: 'bar', stack: 'n', itemStyle: { color: '#2e7d32' }, data: data.map(d => d.full) },
      { name: '有缺项', type: 'bar', stack: 'n', itemStyle: { color: '#b71c1c' }, data: data.map(d => d.gaps) },
    ],
  }));

  draw('grade-chart', data => ({
    animation: false,
    color: ['#b71c1c', '#e65100', '#f9a825', '#558b2f', '#607d8b', '#8d6e63', '#5e35b1'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { top: 36, left: 8, right: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.categories, axisLabel: { interval: 0, rotate: data.categories.length > 3 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: data.series.map(s => ({ name: s.name, type: 'bar', stack: 'grades', data: s.data })),
  }));
})();
