#!/usr/bin/env node
import '../dist/generator/cli/bin-entry.js';
