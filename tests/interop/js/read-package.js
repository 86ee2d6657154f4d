// Reads a data package with the JavaScript reference implementation (datapackage 1.x, a
// Data Package v1 reader) and prints what it finds as one JSON document:
// {"valid", "errors", "resources": {name: {"schema", "rows", "cast", "relations"}}}.
// Usage: node read-package.js path/to/datapackage.json
'use strict'

const { Package } = require('datapackage')

function messages(error) {
  const inner = (error.errors || []).map((e) => e.message)
  return [error.message, ...inner].join('; ')
}

async function readResource(resource) {
  const schema = resource.schema ? resource.schema.errors.map(messages) : ['no schema']
  const entry = { schema, rows: null, cast: null, relations: null }
  try {
    entry.rows = (await resource.read({ cast: true })).length
  } catch (error) {
    entry.cast = messages(error)
  }
  if (entry.cast === null) {
    try {
      await resource.checkRelations()
    } catch (error) {
      entry.relations = messages(error)
    }
  }
  return entry
}

async function main() {
  const pkg = await Package.load(process.argv[2])
  const result = { valid: pkg.valid, errors: pkg.errors.map(messages), resources: {} }
  if (pkg.valid) {
    for (const resource of pkg.resources) {
      result.resources[resource.name] = await readResource(resource)
    }
  }
  process.stdout.write(JSON.stringify(result) + '\n')
}

function fail(error) {
  process.stdout.write(JSON.stringify({ valid: false, errors: [messages(error)], resources: {} }) + '\n')
  process.exit(0)
}

// The library lets some file errors escape as unhandled stream events.
process.on('uncaughtException', fail)
main().catch(fail)
