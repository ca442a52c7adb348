'use strict';
// A minimal Component() host for the page driver: data, setData and methods, as the
// page's code sees them. Rendering is out of scope (miniprogram-simulate does that).

/** → the component instance; `onData(patch)` is called after every setData. */
function mountComponent(definition, onData) {
  const instance = {
    data: JSON.parse(JSON.stringify(definition.data || {})),
    setData(patch, callback) {
      for (const [key, value] of Object.entries(patch)) {
        instance.data[key] = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
      }
      if (onData) onData(patch, instance.data);
      if (typeof callback === 'function') callback();
    },
  };
  for (const [name, fn] of Object.entries(definition.methods || {})) instance[name] = fn.bind(instance);
  const attached = definition.lifetimes && definition.lifetimes.attached;
  if (attached) attached.call(instance);
  return instance;
}

module.exports = { mountComponent };
