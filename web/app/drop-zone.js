// Files dropped anywhere on the page go to onFiles; the drop zone lights up
// while something is dragged over the page, so people see where to drop.
/**
 * @param {HTMLElement} zone  the visible drop zone
 * @param {(files: File[]) => void} onFiles
 * @returns {() => void}  detaches
 */
export function watchDrops(zone, onFiles) {
  const target = zone.ownerDocument;
  let depth = 0; // dragenter/dragleave fire for every child element crossed
  const carriesFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  const setActive = (on) => zone.classList.toggle('drop-active', on);

  const onEnter = (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth++;
    setActive(true);
  };
  const onOver = (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault(); // without this the browser opens the file instead
    event.dataTransfer.dropEffect = 'copy';
  };
  const onLeave = () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) setActive(false);
  };
  const onDrop = (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth = 0;
    setActive(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) onFiles(files);
  };
  target.addEventListener('dragenter', onEnter);
  target.addEventListener('dragover', onOver);
  target.addEventListener('dragleave', onLeave);
  target.addEventListener('drop', onDrop);
  return () => {
    target.removeEventListener('dragenter', onEnter);
    target.removeEventListener('dragover', onOver);
    target.removeEventListener('dragleave', onLeave);
    target.removeEventListener('drop', onDrop);
  };
}
