// The auditor page: verification and the audit log through the server's public API. Plain JavaScript, no
// build step. Everything that came from a request or the log is put on the page as text, never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const files = { proof: null, vk: null, rotations: [] };
let auditPage = 0;
const PAGE_SIZE = 25;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

async function loadModels() {
  const r = await fetch('/models');
  if (!r.ok) return;
  const body = await r.json();
  for (const sel of [$('model-select'), $('audit-model')]) {
    for (const m of body.models) {
      const o = el('option', m.name + ' (' + m.id + ')');
      o.value = m.id;
      sel.appendChild(o);
    }
  }
}

function takeFiles(list) {
  for (const f of list) {
    const name = f.name.toLowerCase();
    if (name.endsWith('.zkml')) files.proof = f;
    else if (name.endsWith('.vk')) files.vk = f;
    else if (name.endsWith('.zkrot')) files.rotations.push(f);
  }
  const parts = [];
  if (files.proof) parts.push('proof: ' + files.proof.name);
  if (files.vk) parts.push('key: ' + files.vk.name);
  if (files.rotations.length) parts.push(files.rotations.length + ' rotation(s)');
  $('drop-zone').textContent = parts.length ? parts.join(', ') : 'Drop a .zkml proof and its .vk here.';
}

async function verify(ev) {
  ev.preventDefault();
  const form = new FormData();
  const proof = $('proof-file').files[0] || files.proof;
  const vk = $('vk-file').files[0] || files.vk;
  const rotations = $('rotation-files').files.length ? Array.from($('rotation-files').files) : files.rotations;
  const model = $('model-select').value;
  if (!proof) return show({ verdict: 'ERROR', reason: 'choose a .zkml proof first' });
  form.append('proof', proof, proof.name);
  if (model) {
    form.append('model', model);
  } else if (vk) {
    form.append('vk', vk, vk.name);
    for (const r of rotations) form.append('rotation', r, r.name);
  } else {
    return show({ verdict: 'ERROR', reason: 'choose the model\'s .vk file or a registered model' });
  }
  $('verify-btn').disabled = true;
  try {
    const r = await fetch('/verify', { method: 'POST', body: form });
    const body = await r.json();
    show(r.ok ? body : { verdict: 'ERROR', reason: body.error || ('HTTP ' + r.status) });
  } catch (e) {
    show({ verdict: 'ERROR', reason: String(e) });
  } finally {
    $('verify-btn').disabled = false;
    loadAudit();
  }
}

function show(v) {
  $('result').hidden = false;
  const verdict = $('verdict');
  verdict.textContent = v.verdict;
  verdict.className = v.verdict === 'ACCEPT' ? 'accept' : 'reject';
  $('reason').textContent = v.reason || '';
  const facts = $('facts');
  facts.replaceChildren();
  const fact = (k, val) => { if (val !== undefined && val !== null) { facts.appendChild(el('dt', k)); facts.appendChild(el('dd', val)); } };
  fact('model', v.model);
  fact('model commitment', v.modelCommitment);
  fact('verifying key', v.vkDigest);
  fact('security level', v.securityLevel ? v.securityLevel + ' (' + v.securityBits + '-bit soundness)' : undefined);
  fact('input visibility', v.visibility);
  fact('rotations checked', v.rotationsChecked);
  fact('proof digest', v.proofDigest);
  fact('zero-knowledge', v.zeroKnowledge);
  if (v.rangeLimits) {
    const r = v.rangeLimits;
    fact('range limits (proved)', r.inputValuesAtLimits === 0 && r.outputValuesAtLimits === 0
      ? 'none: no input value clamped, no output saturated'
      : r.inputValuesAtLimits + ' input value(s) at the calibrated range\'s limits (clamped), '
        + r.outputValuesAtLimits + ' output value(s) saturated');
  }
  fact('audit row', v.auditSeq);
  const body = $('outputs').tBodies[0];
  body.replaceChildren();
  for (const o of v.outputs || []) {
    const tr = el('tr');
    tr.appendChild(el('td', o.name));
    tr.appendChild(el('td', '[' + o.shape.join(', ') + ']'));
    tr.appendChild(el('td', o.values.map((x) => Number(x).toPrecision(4)).join(', ')));
    tr.appendChild(el('td', o.argmax));
    body.appendChild(tr);
  }
  $('outputs').hidden = !(v.outputs && v.outputs.length);
}

// A row's details in one short line: key: value, long values cut to their start (the API has them whole).
function summary(detail) {
  return Object.entries(detail || {}).map(([k, v]) => {
    let text = typeof v === 'string' ? v : JSON.stringify(v);
    if (text.length > 40) text = text.slice(0, 16) + '…';
    return k + ': ' + text;
  }).join('; ');
}

function utc(local) {
  return local ? new Date(local).toISOString() : '';
}

async function loadAudit() {
  const q = new URLSearchParams({ page: auditPage, size: PAGE_SIZE });
  if ($('audit-model').value) q.set('model', $('audit-model').value);
  if ($('audit-kind').value) q.set('kind', $('audit-kind').value);
  if ($('audit-verdict').value) q.set('verdict', $('audit-verdict').value);
  if ($('audit-from').value) q.set('from', utc($('audit-from').value));
  if ($('audit-to').value) q.set('to', utc($('audit-to').value));
  const r = await fetch('/audit?' + q);
  const body = await r.json();
  const tb = $('audit-table').tBodies[0];
  tb.replaceChildren();
  if (!r.ok) {
    $('audit-head').textContent = body.error;
    return;
  }
  for (const row of body.rows) {
    const tr = el('tr');
    tr.appendChild(el('td', row.seq));
    tr.appendChild(el('td', row.at.replace('T', ' ').replace('Z', '')));
    tr.appendChild(el('td', row.kind));
    tr.appendChild(el('td', row.model || ''));
    tr.appendChild(el('td', row.subject || ''));
    tr.appendChild(el('td', row.verdict || '', row.verdict || ''));
    tr.appendChild(el('td', summary(row.detail), 'detail'));
    tb.appendChild(tr);
  }
  $('audit-head').textContent = 'log head: row ' + body.headSeq + ', hash ' + body.headHash;
  $('audit-page').textContent = 'page ' + (auditPage + 1);
  $('audit-prev').disabled = auditPage === 0;
  $('audit-next').disabled = !body.hasMore;
}

function init() {
  for (const k of ['MODEL_REGISTERED', 'KEY_ROTATED', 'JOB_ACCEPTED', 'JOB_STARTED', 'PROOF_STORED', 'JOB_FAILED', 'VERIFIED']) {
    const o = el('option', k);
    o.value = k;
    $('audit-kind').appendChild(o);
  }
  const zone = $('drop-zone');
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => { e.preventDefault(); zone.classList.remove('over'); takeFiles(e.dataTransfer.files); });
  $('verify-form').addEventListener('submit', verify);
  $('audit-form').addEventListener('submit', (e) => { e.preventDefault(); auditPage = 0; loadAudit(); });
  $('audit-prev').addEventListener('click', () => { auditPage = Math.max(0, auditPage - 1); loadAudit(); });
  $('audit-next').addEventListener('click', () => { auditPage++; loadAudit(); });
  loadModels();
  loadAudit();
}

init();
