// The inbox's entry: registers the elements; <lead-inbox> in index.html does the rest.
import './inbox-app.js';
