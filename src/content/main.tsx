// Content script entry: mounts the Labeldesk sidebar into Gmail's thread view.
export {};
