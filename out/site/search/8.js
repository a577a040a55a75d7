dgSearchShard("8", [
["Nordic-Baltic Eight","StateGroup","group/ee/nordic-baltic-eight.html"]
], [
["8","NB-8",0,3]
]);
