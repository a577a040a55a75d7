dgSearchShard("y", [
["Agreement of Friendship, Cooperation and Mutual Assistance","Treaty","treaty/36/agreement-of-friendship-cooperation-and-mutual-assistance.html"]
], [
["yya-treaty","YYA Treaty",0,0]
]);
