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

  expected.addEventListener('input', () => { expectedTouched = true; });
  type.addEventListener('change', () => { showGroup(); proposeExpected(branchData()); });
  if (branch && branch.tagName === 'SELECT') {
    branch.addEventListener('change', () => { const data = branchData(); fillGroups(data); proposeExpected(data); });
  }

  const initial = branchData();
  if (group.options.length <= 1) fillGroups(initial);
  if (expected.value === '') proposeExpected(initial);
  showGroup();
})();
