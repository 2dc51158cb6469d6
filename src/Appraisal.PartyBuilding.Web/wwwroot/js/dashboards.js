// The charts of the leader and branch dashboards (the grade chart is charts.js's). Numbers come from each element's
// data-chart attribute; no script is inline, so the Content-Security-Policy allows this site's files only.
(function () {
  function draw(id, options) {
    const element = document.getElementById(id);
    if (!element || !window.echarts) return;
    const data = JSON.parse(element.dataset.chart);
    // A bar per child organization: up to a page of 50, so the chart grows with the page.
    if (element.dataset.rowHeight) element.style.height = Math.max(160, data.length * Number(element.dataset.rowHeight) + 60) + 'px';
    const chart = echarts.init(element);
    chart.setOption(options(data));
    window.addEventListener('resize', () => chart.resize());
  }

  const grid = { top: 36, left: 8, right: 16, bottom: 8, containLabel: true };

  draw('trend-chart', data => ({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: grid,
    xAxis: { type: 'category', data: data.quarters },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: data.series.map(s => ({ name: s.name, type: 'line', connectNulls: true, data: s.data })),
  }));

  // Per category the within-category P25-P75 box with the median, whiskers at the lowest and highest branch.
  draw('percentile-chart', data => ({
    animation: false,
    tooltip: { trigger: 'item' },
    grid: { top: 16, left: 8, right: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.map(d => d.name), axisLabel: { interval: 0, rotate: data.length > 3 ? 30 : 0 } },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [{
      name: '得分率', type: 'boxplot', itemStyle: { color: '#fbe9e7', borderColor: '#b71c1c' },
      data: data.map(d => [d.min, d.values[0], d.values[1], d.values[2], d.max]),
    }],
  }));

  draw('health-chart', data => ({
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: ['预警', '关注', '正常'] },
    grid: grid,
    yAxis: { type: 'category', inverse: true, data: data.map(d => d.name), axisLabel: { width: 110, overflow: 'truncate' } },
    xAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '预警', type: 'bar', stack: 'h', itemStyle: { color: '#c62828' }, data: data.map(d => d.red) },
      { name: '关注', type: 'bar', stack: 'h', itemStyle: { color: '#f9a825' }, data: data.map(d => d.yellow) },
      { name: '正常', type: 'bar', stack: 'h', itemStyle: { color: '#2e7d32' }, data: data.map(d => d.green) },
    ],
  }));

  draw('rectification-chart', data => ({
    animation: false,
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], label: { show: false }, data: data }],
  }));

  draw('branch-trend-chart', data => ({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['本支部', '同类平均'] },
    grid: grid,
    xAxis: { type: 'category', data: data.map(d => d.quarter) },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      { name: '本支部', type: 'line', itemStyle: { color: '#b71c1c' }, data: data.map(d => d.percent) },
      { name: '同类平均', type: 'line', lineStyle: { type: 'dashed' }, itemStyle: { color: '#607d8b' }, data: data.map(d => d.category) },
    ],
  }));
})();
