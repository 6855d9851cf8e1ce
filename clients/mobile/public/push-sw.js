// The web target's service worker: shows a push the server sent (Web Push). The push names only
// the kind of news, never its content (it may show on a lock screen); a tap opens the app.
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: event.data ? event.data.text() : "PPT" };
  }
  event.waitUntil(self.registration.showNotification(data.title || "PPT", { body: data.body || "", data }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow("/"));
});
