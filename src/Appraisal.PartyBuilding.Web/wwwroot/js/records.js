// The phone entry form: defaults that save typing. The server checks everything again.
(function () {
  const form = document.getElementById('record-form');
  if (!form) return;
  const branch = document.getElementById('branchCode');
  const type = document.getElementById('type');
  const expected = document.getElementById('expected');
  const group = document.getElementById('group');
  const groupField = document.getElementById('group-field');
  let expectedTouched = expected.value !== '' && form.action.endsWith('/edit');

  function branchData() {
    if (!branch) return null;
    const source = branch.tagName === 'SELECT' ? branch.selectedOptions[0] : branch;
    if (!source || !source.dataset.members) return null;
    return {
      members: parseInt(source.dataset.members, 10) || 0,
      committee: parseInt(source.dataset.committee, 10) || 0,
      groups: (source.dataset.groups || '').split('|').filter(Boolean),
    };
  }

  function fillGroups(data) {
    const keep = group.value || group.dataset.selected || '';
    group.replaceChildren(new Option('（请选择党小组）', ''));
    (data ? data.groups : []).forEach(name => group.add(new Option(name, name, false, name === keep)));
  }

  function proposeExpected(data) {
    if (expectedTouched || !data) return;
    expected.value = type.value === 'committee' && data.committee > 0 ? data.committee : data.members;
  }

  function showGroup() {
    const isGroup = type.value === 'group';
    groupField.classList.toggle('d-none', !isGroup);
    if (!isGroup) group.value = '';
  }

  // The same meeting (type, date, group) is stored once: say so before submitting, not after.
  const date = document.getElementById('date');
  const warning = document.getElementById('duplicate-warning');
  const taken = new Set(JSON.parse(form.dataset.taken || '[]'));
  function warnDuplicate() {
    const key = type.value + '|' + date.value + '|' + (type.value === 'group' ? group.value : '');
    const duplicate = taken.has(key) && (!branch || branch.value === form.dataset.takenBranch);
    warning.classList.toggle('d-none', !duplicate);
    warning.firstElementChild.textContent = duplicate
      ? '本支部' + date.value + '的' + type.selectedOptions[0].text + (type.value === 'group' ? '（' + group.value + '）' : '') + '已录入，同一次会议不能重复录入：请改会议类型或日期。'
      : '';
  }

  expected.addEventListener('input', () => { expectedTouched = true; });
  type.addEventListener('change', () => { showGroup(); proposeExpected(branchData()); warnDuplicate(); });
  date.addEventListener('change', warnDuplicate);
  date.addEventListener('input', warnDuplicate);
  group.addEventListener('change', warnDuplicate);
  if (branch && branch.tagName === 'SELECT') {
    branch.addEventListener('change', () => { const data = branchData(); fillGroups(data); proposeExpected(data); });
  }

  const initial = branchData();
  if (group.options.length <= 1) fillGroups(initial);
  if (expected.value === '') proposeExpected(initial);
  showGroup();
  warnDuplicate();
})();
