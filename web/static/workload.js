// 工作量 chart: open tasks per person stacked by urgency, beside what each completed this week (Chart.js).
(function () {
  const data = JSON.parse(document.getElementById("workload-data").textContent);
  const canvas = document.getElementById("workload-chart");
  if (!canvas || !window.Chart || !data.labels.length) return;
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: "已逾期", data: data.overdue, backgroundColor: "#c62828", stack: "open" },
        { label: "即将到期", data: data.due_soon, backgroundColor: "#f9a825", stack: "open" },
        { label: "其他在办", data: data.other, backgroundColor: "#90a4ae", stack: "open" },
        { label: "本周办结", data: data.completed, backgroundColor: "#2e7d32", stack: "done" },
      ],
    },
    options: {
      indexAxis: "y", responsive: true, animation: false,
      scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
    },
  });
})();
