/* /controleren: say on the page when a file is over the size limit. The upload component does not
   read or send such a file at all (max_size), and would say nothing; the server would refuse the
   request unread. Runs in the browser only: nothing of the file is sent anywhere. */
(function () {
  "use strict";
  var ZONE = "controleren-upload";
  var STATUS = "controleren-te-groot";

  function nl(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function shownName(name) {
    // a file name can hold a BSN, phone number or e-mail address: never repeat such a name
    return /[0-9]{6,}|@|＠/.test(name) ? "(naam weggelaten)" : name;
  }

  function check(files) {
    var status = document.getElementById(STATUS);
    if (!status || !files) { return; }
    var max = parseInt(status.getAttribute("data-max-bytes"), 10);
    var lines = [];
    var total = 0;
    for (var i = 0; i < files.length; i++) {
      total += files[i].size;
      if (files[i].size > max) {
        lines.push("Het bestand " + shownName(files[i].name) + " is " + nl(files[i].size) +
                   " bytes; de grens is " + nl(max) + " bytes (instelling grenzen.max_bytes). " +
                   "Het is niet verstuurd en niet gecontroleerd.");
      }
    }
    if (!lines.length && total > max) {
      lines.push("De bestanden zijn samen " + nl(total) + " bytes; de grens is " + nl(max) +
                 " bytes (instelling grenzen.max_bytes). Controleer ze één voor één.");
    }
    status.textContent = lines.join(" ");
    status.className = lines.length ? "upload-te-groot alert alert-danger" : "upload-te-groot";
  }

  function inZone(target) {
    return target && target.closest && target.closest("#" + ZONE);
  }

  // The upload's file input has no label of its own (dcc.Upload sets none): give it one, so that a
  // screen reader names it and a keyboard user knows where Tab landed.
  function labelInput() {
    var input = document.querySelector("#" + ZONE + " input[type=file]");
    if (input && !input.getAttribute("aria-label")) {
      input.setAttribute("aria-label", "Kies CSV- of Excel-bestanden om te controleren");
      input.setAttribute("aria-describedby", STATUS);
    }
  }
  new MutationObserver(labelInput).observe(document.documentElement, {childList: true, subtree: true});

  document.addEventListener("change", function (e) {
    if (inZone(e.target) && e.target.files) { check(e.target.files); }
  }, true);
  document.addEventListener("drop", function (e) {
    if (inZone(e.target) && e.dataTransfer) { check(e.dataTransfer.files); }
  }, true);
})();
